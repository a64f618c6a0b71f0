"""The adapters: the MkDocs plugin and the ``aks-atlas`` command line, thin layers over
``generator.app``."""
