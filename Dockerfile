# syntax=docker/dockerfile:1
# One image for every service of Ask Your Ads: `aya serve <gateway|router|data-fetch|inference|audit>`.
# Multi-stage: the build stage installs the project into a virtualenv; the runtime stage holds
# only that virtualenv and runs as an unprivileged user. Nothing is written outside /tmp, so the
# root filesystem can be read-only (mount /tmp as a tmpfs). The vLLM servers are another image
# (deploy/vllm/): this one never needs torch or a GPU.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
RUN python -m venv /opt/aya
COPY pyproject.toml README.md ./
COPY aya ./aya
COPY libs ./libs
COPY services ./services
COPY lemanado_sample ./lemanado_sample
RUN /opt/aya/bin/pip install --no-cache-dir . \
    && /opt/aya/bin/python -m compileall -q /opt/aya/lib

FROM ${PYTHON_IMAGE}
LABEL org.opencontainers.image.title="Ask Your Ads" \
      org.opencontainers.image.description="Multi-tenant AI analytics copilot for advertising data: gateway and workers."
RUN groupadd --system --gid 10001 aya \
    && useradd --system --uid 10001 --gid aya --no-create-home --home-dir /tmp --shell /usr/sbin/nologin aya
COPY --from=build /opt/aya /opt/aya
ENV PATH=/opt/aya/bin:${PATH} \
    HOME=/tmp \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    AYA_ENVIRONMENT=production \
    AYA_HOME=/tmp/aya \
    AYA_GATEWAY_HOST=0.0.0.0 \
    AYA_GATEWAY_PORT=8080 \
    AYA_OPS_HOST=0.0.0.0 \
    AYA_OPS_PORT=9100
USER 10001:10001
WORKDIR /tmp
# 8080: the gateway's API (and its probes and /metrics); 9100: a worker's probes and /metrics.
EXPOSE 8080 9100
ENTRYPOINT ["aya", "serve"]
CMD ["gateway"]
