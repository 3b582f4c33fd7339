FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
RUN pip install --no-cache-dir -e .
ENV DATA_DIR=/data
EXPOSE 8000
CMD ["comic", "api"]
