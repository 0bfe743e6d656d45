// PostGraphile 5 over the hub's own PostgreSQL tables, as an off-the-shelf server would serve them: the Amber preset, a
// read-only role, no GraphiQL, plus one condition the generated schema lacks (below); bench.mjs starts it, after adding
// the computed column Practice.pcn (the SQL function "Practices_pcn") to the database.
//   PEER_READER_URL=postgres://reader:…@127.0.0.1/phm_peer PEER_POSTGRAPHILE_PORT=5480 node postgraphile.mjs
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { addPgTableCondition } from "postgraphile/utils";

const connectionString = process.env.PEER_READER_URL;
const port = Number(process.env.PEER_POSTGRAPHILE_PORT ?? 5480);
if (!connectionString) {
  console.error("postgraphile.mjs: set PEER_READER_URL to the read-only role's connection URL");
  process.exit(2);
}

// `allPatients(condition: { nationalQuintile: 1 })`: the patient's LSOA is in that national IMD quintile. The quintile is a
// column of "Lsoas", not of "Patients", so PostGraphile's generated conditions cannot express it; the hub's
// `filter: { nationalQuintile }` is the same join.
const NationalQuintileCondition = addPgTableCondition(
  { schemaName: "public", tableName: "Patients" },
  "nationalQuintile",
  (build) => {
    const { sql } = build;
    return {
      description: "National IMD 2019 quintile of the patient's LSOA, 1 (most deprived) to 5.",
      type: build.graphql.GraphQLInt,
      apply(condition, quintile) {
        if (quintile == null) return;
        condition.where(sql`${condition.alias}."LsoaCode" in (select l."Code" from "Lsoas" l where l."NationalQuintile" = ${sql.value(quintile)})`);
      },
    };
  },
);

const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [NationalQuintileCondition],
  pgServices: [makePgService({ connectionString, schemas: ["public"] })],
  grafserv: { port, graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.once("listening", () => console.log(`PostGraphile listening on http://127.0.0.1:${port}/graphql`));
server.on("error", (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
server.listen(port, "127.0.0.1");

const stop = async () => {
  server.close();
  await pgl.release();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
