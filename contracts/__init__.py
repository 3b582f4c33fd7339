"""What crosses the Temporal boundary: workflow and activity inputs and outputs, message names, error types.

The API, the activities and the workflows import these; none of them imports another's module for them.
"""
