"""Built-in plugins, loaded exactly like third-party ones (see `recagent.host.DEFAULT_PLUGINS`)."""
