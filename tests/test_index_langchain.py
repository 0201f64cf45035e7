"""LangChain views of the item index: the retriever and langchain_chroma.Chroma over the same collection."""

from __future__ import annotations

from pathlib import Path

from recagent.settings import load_settings
from recagent.vectorstore import ItemIndex, item_retriever, langchain_vectorstore, to_chroma_where
from tests.conftest import SMALL_ITEMS


def _index(tmp_path: Path) -> ItemIndex:
    index = ItemIndex.open(load_settings(tmp_path / "ws", overrides={"embedding_model": "hashing"}))
    index.upsert(SMALL_ITEMS)
    return index


def test_retriever_returns_item_documents_with_recagent_filters(tmp_path: Path) -> None:
    retriever = item_retriever(_index(tmp_path), k=2, filters={"category": "Sci-Fi"})
    documents = retriever.invoke("a crew meets a deadly creature")
    assert [d.metadata["item_id"] for d in documents][0] == "1" and len(documents) == 2
    assert documents[0].page_content.startswith("Alien (1979). Horror, Sci-Fi.")
    assert all("Sci-Fi" in d.metadata["categories"] for d in documents)


def test_langchain_chroma_reads_the_same_collection(tmp_path: Path) -> None:
    index = _index(tmp_path)
    store = langchain_vectorstore(index)
    documents = store.similarity_search("shy waitress in Paris", k=1)
    assert documents[0].id == "5"
    filtered = store.similarity_search("creature", k=5, filter=to_chroma_where({"year": {"<": 1990}}))
    assert {d.id for d in filtered} == {"1", "2"}
    assert index.count() == 6 and index.collection.metadata["embedding_model"] == "hashing-64"
