"""Model Advisor: choose an LLM vendor and model the way you will actually run it."""


def __getattr__(name: str) -> str:
    # The version lives in pyproject.toml only; read it lazily so importing costs nothing.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("model-advisor")
        except PackageNotFoundError:  # running from a source tree that was never installed
            return "0+unknown"
    raise AttributeError(name)
