"""The item index (`recagent.vectorstore`): item embeddings in Chroma, with fast filtered queries.

Importing this package is cheap: torch, sentence-transformers, Chromadb and LangChain load on first use.
"""

from __future__ import annotations

from recagent.vectorstore.damage import set_aside as set_aside_damaged
from recagent.vectorstore.embedders import (
    Embedder,
    HashingEmbedder,
    SentenceTransformerEmbedder,
    default_model_path,
    embedder_from_setting,
)
from recagent.vectorstore.index import ItemIndex
from recagent.vectorstore.langchain import item_retriever, langchain_embeddings, langchain_vectorstore
from recagent.vectorstore.records import IndexRecord, item_record, item_text
from recagent.vectorstore.results import IndexHit, IndexStatus, WriteReport
from recagent.vectorstore.sync import index_status, plan_sync, sync_index
from recagent.vectorstore.where import to_chroma_where

__all__ = [
    "ItemIndex",
    "IndexHit",
    "IndexStatus",
    "WriteReport",
    "IndexRecord",
    "Embedder",
    "SentenceTransformerEmbedder",
    "HashingEmbedder",
    "default_model_path",
    "embedder_from_setting",
    "item_record",
    "item_text",
    "sync_index",
    "plan_sync",
    "index_status",
    "to_chroma_where",
    "set_aside_damaged",
    "item_retriever",
    "langchain_embeddings",
    "langchain_vectorstore",
]
