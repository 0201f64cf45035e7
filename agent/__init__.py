"""The chat agent (`recagent.agent`): LangChain tools over the pipeline and the item index."""
