import { agendaItemKinds, type AgendaItemKind } from "../../db/domain/enums";
import type { StandardAgendaItem } from "~/models/db.server";

/**
 * The standard agenda as the group page's textarea shows it: one ärende per
 * line, its kind in brackets at the end ("Val av justerare (beslut)"). A line
 * without a kind is an information item: most standard items are.
 */
export function formatStandardAgenda(items: StandardAgendaItem[]): string {
  return items.map((item) => (item.kind === "information" ? item.title : `${item.title} (${item.kind})`)).join("\n");
}

const KIND_AT_END = /^(.*?)\s*\(\s*([^()]+?)\s*\)\s*$/;

/** The list typed into the textarea; empty lines are skipped. A bracket that is not a kind stays part of the title. */
export function parseStandardAgenda(text: string): StandardAgendaItem[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const match = KIND_AT_END.exec(line);
      const kind = match?.[2].toLowerCase();
      if (match && match[1] !== "" && (agendaItemKinds as readonly string[]).includes(kind!)) return { title: match[1], kind: kind as AgendaItemKind };
      return { title: line, kind: "information" as const };
    });
}
