#!/bin/sh
# One-shot (the `temporal-namespace` service, temporalio/admin-tools image): waits for the Temporal frontend, creates
# the service's namespace unless it exists, then waits until the namespace is usable (a new namespace takes a few
# seconds to reach every Temporal service), so the worker and the API start on a namespace that answers.
set -eu

address=${TEMPORAL_ADDRESS:?}
namespace=${TEMPORAL_NAMESPACE:-default}
retention=${TEMPORAL_NAMESPACE_RETENTION:-72h}

retry() {
    what=$1
    shift
    attempt=1
    until "$@" >/dev/null 2>&1; do
        if [ "${attempt}" -ge 60 ]; then
            echo "Temporal: ${what}: still failing after ${attempt} attempts" >&2
            "$@" # once more, with its error shown
            exit 1
        fi
        attempt=$((attempt + 1))
        sleep 2
    done
}

retry "cluster health at ${address}" temporal operator cluster health --address "${address}"
if temporal operator namespace describe --namespace "${namespace}" --address "${address}" >/dev/null 2>&1; then
    echo "Temporal: namespace ${namespace} exists"
else
    temporal operator namespace create --namespace "${namespace}" --retention "${retention}" --address "${address}"
fi
retry "namespace ${namespace} usable" temporal workflow list --namespace "${namespace}" --limit 1 --address "${address}"
echo "Temporal: namespace ${namespace} ready"
