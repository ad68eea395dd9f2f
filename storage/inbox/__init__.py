"""Updates received from the chat platforms, recorded before they are handled."""
