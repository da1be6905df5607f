/** A separate process adopting one decision, for the § numbering concurrency test. */
import { eq } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { adoptDecision } from "../../db/queries/decisions";
import { people } from "../../db/schema";

const [path, personId, agendaItemId] = process.argv.slice(2);
const { db } = openDatabase(path);
const person = db
  .select()
  .from(people)
  .where(eq(people.id, Number(personId)))
  .get()!;
const { number } = adoptDecision(
  db,
  { id: person.id, name: person.name, email: person.email, isAdmin: person.isAdmin },
  { agendaItemId: Number(agendaItemId), kind: "ovrigt" },
);
console.log(number);
