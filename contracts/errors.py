"""Error types carried by the ApplicationErrors that cross the Temporal boundary, by who raises and who reads them.

Temporal matches a RetryPolicy's non-retryable list and the API maps rejections to HTTP statuses by these names, so
each is written once here and imported by both sides.
"""

# Raised by activities around a provider call; the providers' RetryPolicy lists PROVIDER_REFUSED as final.
PROVIDER_REFUSED = "ProviderRefused"
PROVIDER_UNAVAILABLE = "ProviderUnavailable"

# Raised by the persistence activities. A missing row ends the run; a refused write can never land as it is (the
# row moved on, or the patch breaks the state), so it is not retried.
PROJECT_MISSING = "ProjectMissing"
PERSIST_REFUSED = "PersistRefused"

# Raised by the ComicWorkflow's Update validators; the API answers 404/409/422/503.
REJECT_NOT_FOUND = "NotFound"
REJECT_CONFLICT = "Conflict"
REJECT_STALE = "StaleVersion"
REJECT_INVALID = "Invalid"
REJECT_UNAVAILABLE = "Unavailable"
