"""The ``advisor`` command line. Thin: parses arguments, calls ``advisor.services``, prints."""
