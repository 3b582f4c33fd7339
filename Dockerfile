FROM python:3.11-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e '.[s3]'
ENV DATA_DIR=/data
EXPOSE 8000
CMD ["comic", "api"]
