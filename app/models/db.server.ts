/**
 * The one door from app/ into db/: the process database and the query modules.
 * Route modules call `queries.fn(db(), viewer, …)`; every query checks who asks.
 */
export { getDb as db } from "../../db/client";
export * as agreementsQueries from "../../db/queries/agreements";
export { isDemoData } from "../../db/queries/demo-flag";
export * as groupsQueries from "../../db/queries/groups";
export * as peopleQueries from "../../db/queries/people";
export * as membershipsQueries from "../../db/queries/memberships";
export type { Viewer } from "../../db/queries/sessions";
export * as sessionsQueries from "../../db/queries/sessions";
export * as meetingsQueries from "../../db/queries/meetings";
export * as documentAccessQueries from "../../db/queries/document-access";
export * as actionItemsQueries from "../../db/queries/action-items";
export * as decisionsQueries from "../../db/queries/decisions";
export * as lifecycleQueries from "../../db/queries/meeting-lifecycle";
export * as calendarQueries from "../../db/queries/calendar-feed";
export * as auditQueries from "../../db/queries/audit";
export * as auditListingQueries from "../../db/queries/audit-listing";
export * as standardAgendaQueries from "../../db/queries/standard-agenda";
