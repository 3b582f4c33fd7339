#!/bin/sh
# One-shot (the `minio-setup` service, minio/mc image, profile "s3"): creates S3_BUCKET and a MinIO user whose
# access key and secret are the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY the API and the worker use, allowed that
# bucket only. Safe to run on every `docker compose up` (an existing bucket, policy or user is updated in place).
set -eu

: "${MINIO_ROOT_USER:?set MINIO_ROOT_USER in .env}" "${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD in .env}"
: "${S3_BUCKET:?}" "${AWS_ACCESS_KEY_ID:?set AWS_ACCESS_KEY_ID in .env}"
: "${AWS_SECRET_ACCESS_KEY:?set AWS_SECRET_ACCESS_KEY in .env}"

mc alias set store http://minio:9000 "${MINIO_ROOT_USER}" "${MINIO_ROOT_PASSWORD}" >/dev/null
mc mb --ignore-existing "store/${S3_BUCKET}"

# What providers/media_store.py does: put, get, list a project's prefix, delete it.
policy=/tmp/comic-media-policy.json
cat >"${policy}" <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetBucketLocation"],
     "Resource": ["arn:aws:s3:::${S3_BUCKET}"]},
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
     "Resource": ["arn:aws:s3:::${S3_BUCKET}/*"]}
  ]
}
JSON
mc admin policy create store comic-media "${policy}"
mc admin user add store "${AWS_ACCESS_KEY_ID}" "${AWS_SECRET_ACCESS_KEY}"
if ! mc admin user info store "${AWS_ACCESS_KEY_ID}" | grep -q comic-media; then
    mc admin policy attach store comic-media --user "${AWS_ACCESS_KEY_ID}"
fi
echo "MinIO: bucket ${S3_BUCKET} ready for ${AWS_ACCESS_KEY_ID}"
