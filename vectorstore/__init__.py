"""The item index (`recagent.vectorstore`): item embeddings in Chroma."""
