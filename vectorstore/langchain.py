"""LangChain views of the item index: a retriever using its fast filters, and `langchain_chroma.Chroma`.

LangChain is imported when these are built, never when `recagent.vectorstore` is imported.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from recagent.vectorstore.embedders import Embedder

if TYPE_CHECKING:
    from recagent.vectorstore.index import ItemIndex

__all__ = ["item_retriever", "langchain_embeddings", "langchain_vectorstore"]


def langchain_embeddings(embedder: Embedder) -> Any:
    """The index's embedder as LangChain `Embeddings`, so LangChain embeds queries as the index does."""
    from langchain_core.embeddings import Embeddings

    class IndexEmbeddings(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed(texts).tolist()

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed([text])[0].tolist()

    return IndexEmbeddings()


def langchain_vectorstore(index: ItemIndex) -> Any:
    """`langchain_chroma.Chroma` over the index's collection in use; its `filter` takes Chroma's `where`.

    It is bound to that collection: make it again after `recagent index build --rebuild` replaced it.
    """
    from langchain_chroma import Chroma

    index.collection  # noqa: B018 - create it with cosine space before LangChain opens it by name
    return Chroma(client=index.client, collection_name=index.collection_name,
                  embedding_function=langchain_embeddings(index.embedder))


def item_retriever(index: ItemIndex, *, k: int = 5, filters: Mapping[str, Any] | None = None) -> Any:
    """A LangChain retriever over the index: one `Document` per item, with recagent's filter dicts."""
    from langchain_core.callbacks import CallbackManagerForRetrieverRun
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever

    class ItemRetriever(BaseRetriever):
        """Finds catalog items for a text; each document's metadata holds item_id, score and the item's fields."""

        k: int = 5
        filters: dict[str, Any] | None = None

        def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                    **kwargs: Any) -> list[Document]:
            k = kwargs.get("k", self.k)
            filters = kwargs.get("filters", self.filters)
            hits = index.query(query, k=k, filters=filters)
            documents = index.collection.get(ids=[hit.item_id for hit in hits], include=["documents"])
            text = dict(zip(documents["ids"], documents["documents"]))
            return [
                Document(page_content=text.get(hit.item_id) or hit.title, id=hit.item_id,
                         metadata={**hit.metadata, "item_id": hit.item_id, "score": hit.score})
                for hit in hits
            ]

    return ItemRetriever(k=k, filters=dict(filters) if filters else None)
