// The classic y-websocket server (y-websocket@2.1.0's bin/utils, installed as
// the dev dependency y-websocket-reference) for `npm run bench:collab`:
// in memory, no persistence, no authentication. The document name is the
// request path, as in y-websocket's own bin/server.cjs. It uses the same `ws`
// and `yjs` packages as our server, so the comparison is about the server logic.
// Prints "listening on <port>" once it accepts connections.
const http = require("node:http");
const { WebSocketServer } = require("ws");
const { setupWSConnection } = require("y-websocket-reference/bin/utils");

const server = http.createServer((_request, response) => {
  response.writeHead(200, { "Content-Type": "text/plain" });
  response.end("okay");
});
const wss = new WebSocketServer({ server });
wss.on("connection", (ws, request) => {
  const docName = decodeURIComponent(new URL(request.url || "/", "http://localhost").pathname.slice(1));
  setupWSConnection(ws, request, { docName });
});

server.listen(0, "127.0.0.1", () => {
  console.log(`listening on ${server.address().port}`);
});

const stop = () => process.exit(0);
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// The bench process owns us: when it goes away without stopping us, leave too.
process.on("disconnect", stop);
