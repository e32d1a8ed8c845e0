# The `baton` chaincode as a service (docs/fabric.md). The peers reach it at CHAINCODE_SERVER_ADDRESS; its package
# id (CORE_CHAINCODE_ID_NAME) is known once the package is installed, so it is passed at run time.
# Build from the repository root:  docker build -f docker/chaincode.Dockerfile -t baton/chaincode .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package -pl ledger/chaincode -am

FROM eclipse-temurin:17-jre
RUN useradd --system chaincode
COPY --from=build /src/ledger/chaincode/target/baton-ledger-chaincode-*-service.jar /opt/chaincode/chaincode.jar
USER chaincode
ENV CHAINCODE_SERVER_ADDRESS=0.0.0.0:9999 CORE_PEER_TLS_ENABLED=false
EXPOSE 9999
ENTRYPOINT ["sh", "-c", "exec java -XX:+UseSerialGC -Xmx512m $CHAINCODE_JAVA_OPTS -jar /opt/chaincode/chaincode.jar"]
