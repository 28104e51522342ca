# Stackbridge container image: the unpacked distribution on a Java 17 runtime. Build the tarball first:
#   ./mvnw -B package -DskipTests && docker build -t stackbridge .
# Not built or tested by the project's CI (its machines reach no container registry); see docs/deployment.md.
FROM eclipse-temurin:17-jre

ARG VERSION=0.1.0-SNAPSHOT
RUN groupadd --system stackbridge && useradd --system --gid stackbridge --home-dir /var/lib/stackbridge stackbridge \
    && install -d -o stackbridge -g stackbridge -m 0750 /var/lib/stackbridge
ADD dist/target/stackbridge-${VERSION}.tar.gz /opt/
RUN ln -s /opt/stackbridge-${VERSION} /opt/stackbridge

USER stackbridge
VOLUME /var/lib/stackbridge
# HTTP (health, metrics, NCIP, SRU), SIP2, SIP2 over TLS, Z39.50
EXPOSE 8080 6001 6443 2100
# Listen on every interface inside the container; everything else comes from conf/stackbridge.yaml or STACKBRIDGE_*.
ENV STACKBRIDGE_LISTENERS_BIND=0.0.0.0 STACKBRIDGE_HEAP=1g
# /health/ready answers 200 when listeners, database and catalogue index are ready; bash's /dev/tcp needs no curl in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/opt/stackbridge/bin/stackbridge"]
CMD ["serve", "--data", "/var/lib/stackbridge"]
