# A Baton node: the `baton` command line, started as `baton node start --config /etc/baton/node.yaml`.
# Build from the repository root:  docker build -f docker/node.Dockerfile -t baton/node .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package -pl tools -am

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/baton baton && mkdir -p /var/lib/baton /etc/baton && chown baton /var/lib/baton
COPY --from=build /src/tools/target/baton-tools-*.jar /opt/baton/
COPY --from=build /src/tools/target/lib/ /opt/baton/lib/
USER baton
WORKDIR /var/lib/baton
# The node's YAML (docs/fabric.md for `ledger: type: fabric`), its PKI directory and the consortium file are mounted.
ENTRYPOINT ["sh", "-c", "exec java -XX:-TieredCompilation $BATON_JAVA_OPTS -cp \"$(ls /opt/baton/baton-tools-*.jar | grep -v -e -tests -e -sources):/opt/baton/lib/*\" org.baton.tools.Baton \"$@\"", "baton"]
CMD ["node", "start", "--config", "/etc/baton/node.yaml"]
