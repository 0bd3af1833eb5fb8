"""One exception tree for rashomon; callers choose the policy.

    RashomonError
     ├── UsageError          bad options or arguments given by the user
     ├── IngestError         an input could not be read
     │    ├── FetchError     a URL could not be fetched (network, size, type, SSRF guard)
     │    │    └── BlockedAddressError   refused: private/loopback/link-local address
     │    └── DecodeError    bytes that are not text we can decode
     ├── ExtractionError     a page has no article we can extract
     ├── AnalysisError       the NLP stage failed on an article
     ├── StoreError          the store could not be read or written
     └── NotFound            an id, incident or outlet that does not exist
"""

from __future__ import annotations


class RashomonError(Exception):
    """Base class of every error rashomon raises on purpose."""


class UsageError(RashomonError):
    """The user asked for something that cannot be done as asked."""


class IngestError(RashomonError):
    """An input could not be read."""


class FetchError(IngestError):
    """A URL could not be fetched."""


class BlockedAddressError(FetchError):
    """A URL resolves to an address the SSRF guard refuses."""


class DecodeError(IngestError):
    """Bytes that cannot be decoded as text."""


class ExtractionError(RashomonError):
    """A page holds no article text."""


class AnalysisError(RashomonError):
    """The analysis stage failed on one article."""


class StoreError(RashomonError):
    """The store could not be read or written."""


class NotFound(RashomonError):
    """Something asked for by id does not exist."""
