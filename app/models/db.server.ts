import { getDb, type Db } from "../../db/client";
import * as actionItems from "../../db/queries/action-items";
import * as groupChain from "../../db/queries/group-chain";
import * as actionPlanPage from "../../db/queries/action-plan-page";
import * as actionPlanRows from "../../db/queries/action-plan-rows";
import * as agreementVersions from "../../db/queries/agreement-versions";
import * as agreements from "../../db/queries/agreements";
import * as calendar from "../../db/queries/calendar-feed";
import * as citizenPromises from "../../db/queries/citizen-promises";
import * as cityOverview from "../../db/queries/city-overview";
import * as comments from "../../db/queries/comments";
import * as communicationPlans from "../../db/queries/communication-plans";
import * as decisions from "../../db/queries/decisions";
import * as deliveredProtocols from "../../db/queries/delivered-protocols";
import * as files from "../../db/queries/files";
import * as groups from "../../db/queries/groups";
import * as lagesbild from "../../db/queries/lagesbild-sections";
import * as lifecycle from "../../db/queries/meeting-lifecycle";
import * as meetings from "../../db/queries/meetings";
import * as meetingShares from "../../db/queries/meeting-shares";
import * as myNotifications from "../../db/queries/my-notifications";
import * as sessions from "../../db/queries/sessions";
import * as significantEvents from "../../db/queries/significant-events";
import * as contacts from "../../db/queries/contacts";
import * as waiting from "../../db/queries/waiting-for-me";
import * as standardAgenda from "../../db/queries/standard-agenda";
import { canViewGroup } from "../../db/queries/access";
import { NotFoundError } from "../../db/queries/errors";

/**
 * The door from routes into db/: the process database and named verbs, each of which checks who
 * asks (it takes the viewer), or is keyed by a secret the request holds (a session's token hash,
 * a calendar token). Whole query modules are not re-exported: their administrative writes and
 * unscoped reads stay out of the routes' reach. Administrators' verbs are in admin.server.ts.
 */
export { getDb as db };
export { isDemoData } from "../../db/queries/demo-flag";
export type { Viewer } from "../../db/queries/sessions";
export type { Cadence } from "../../db/queries/cadence";
export type { StandardAgendaItem } from "../../db/queries/standard-agenda";
export type { AttendanceRow } from "../../db/queries/attendance";
export type { ApprovalState } from "../../db/queries/meeting-lifecycle";
export type { CommentAnchor, CommentView } from "../../db/queries/comments";
export type { CityOverview, DistrictOverview } from "../../db/queries/city-overview";
export type { DeliveredProtocol } from "../../db/queries/delivered-protocols";
export type SharedMeeting = ReturnType<typeof meetingShares.meetingsSharedWithGroup>[number];
/** In-process events that name a meeting, a document or that rights changed; a route subscribes only after its own viewer check. */
export { liveEvents } from "../../db/live-events";

export const agreementsQueries = { getAgreementPage: agreements.getAgreementPage, getAgreementVersionPage: agreementVersions.getAgreementVersionPage };
/** The lägesbild page: each verb checks the viewer against the agreement's document rule. */
export const lagesbildQueries = {
  getLagesbildPage: lagesbild.getLagesbildPage,
  setSectionStatus: lagesbild.setSectionStatus,
  setSectionOwner: lagesbild.setSectionOwner,
  markSectionNotApplicable: lagesbild.markSectionNotApplicable,
  clearSectionNotApplicable: lagesbild.clearSectionNotApplicable,
  addSource: lagesbild.addSource,
  updateSource: lagesbild.updateSource,
  removeSource: lagesbild.removeSource,
  moveSource: lagesbild.moveSource,
  addPlace: lagesbild.addPlace,
  updatePlace: lagesbild.updatePlace,
  archivePlace: lagesbild.archivePlace,
};
export const groupsQueries = { listGroupsForViewer: groups.listGroupsForViewer, getGroupPage: groups.getGroupPage };
export const meetingsQueries = { getMeetingForViewer: meetings.getMeetingForViewer };
export const actionItemsQueries = { listMyActionItems: actionItems.listMyActionItems, setActionItemStatus: actionItems.setActionItemStatus };
export const actionPlansQueries = {
  getActionPlanPage: actionPlanPage.getActionPlanPage,
  getActionPlanExport: actionPlanPage.getActionPlanExport,
  reportActionRow: actionPlanRows.reportActionRow,
  listMyActionRows: actionPlanRows.listMyActionRows,
};
/** The kommunikationsplan page: read by whoever may read the agreement's plans (its activities' verbs are in models/kommunikationsplan.server.ts). */
export const kommunikationsplanQueries = { getKommunikationsplanPage: communicationPlans.getKommunikationsplanPage };
export const decisionsQueries = { listDecisionRegister: decisions.listDecisionRegister };
/** Work between groups: what a beredningsgrupp sees of its styrgrupp's decisions and their follow-up. */
export const groupChainQueries = { steeringDecisionsForPreparers: groupChain.steeringDecisionsForPreparers };
export const lifecycleQueries = { createMeeting: lifecycle.createMeeting, listMyApprovalTasks: lifecycle.listMyApprovalTasks };
/** Review comments on a live document: each verb checks the viewer's access to the document. */
export const commentsQueries = {
  listComments: comments.listComments,
  addComment: comments.addComment,
  replyToComment: comments.replyToComment,
  setCommentResolved: comments.setCommentResolved,
};
/** Handlingar: each verb checks the viewer against what the file belongs to (uploads go through models/files.server.ts). */
export const filesQueries = { listAgreementFiles: files.listAgreementFiles, listMeetingFiles: files.listMeetingFiles, removeFile: files.removeFile };
export type { ListedFile } from "../../db/queries/files";
export const sessionsQueries = { isSessionLive: sessions.isSessionLive };
export const calendarQueries = {
  hasCalendarToken: calendar.hasCalendarToken,
  renewCalendarToken: calendar.renewCalendarToken,
  calendarFeedMeetings: calendar.calendarFeedMeetings,
  // Only numbers meetings the caller has already read (through the viewer or the feed's token).
  withCalendarSequence: calendar.withCalendarSequence,
};
export const standardAgendaQueries = {
  /** The group's standard agenda, for a viewer who may see the group. */
  standardAgendaOf(db: Db, viewer: sessions.Viewer, groupId: number) {
    if (!canViewGroup(db, viewer, groupId)) throw new NotFoundError();
    return standardAgenda.standardAgendaOf(db, groupId);
  },
  canEditStandardAgenda: standardAgenda.canEditStandardAgenda,
  setStandardAgenda: standardAgenda.setStandardAgenda,
};
/** The viewer's own notices (the header's count, /notiser) and their choice of channel per kind. */
export const notificationsQueries = {
  listMyNotifications: myNotifications.listMyNotifications,
  unreadNotificationCount: myNotifications.unreadNotificationCount,
  openNotification: myNotifications.openNotification,
  markAllNotificationsRead: myNotifications.markAllNotificationsRead,
  myNotificationPreferences: myNotifications.myNotificationPreferences,
  setNotificationPreferences: myNotifications.setNotificationPreferences,
};
/** Händelser av väsentlig betydelse: each verb checks that the viewer is a member of a group under the agreement. */
export const significantEventsQueries = {
  getSignificantEventsPage: significantEvents.getSignificantEventsPage,
  significantEventsStanding: significantEvents.significantEventsStanding,
  recordSignificantEvent: significantEvents.recordSignificantEvent,
  acknowledgeSignificantEvent: significantEvents.acknowledgeSignificantEvent,
};
/** Kontaktuppgifter (members of the agreement's groups and administrators) and the viewer's own work phone. */
export const contactsQueries = {
  getContacts: contacts.getContacts,
  getContactCards: contacts.getContactCards,
  ownPhone: contacts.ownPhone,
  setOwnPhone: contacts.setOwnPhone,
};
/** The city-wide overview: only members of a city-wide styrgrupp or beredningsgrupp, and administrators, get one. */
export const cityOverviewQueries = { getCityOverview: cityOverview.getCityOverview, mayViewCityOverview: cityOverview.mayViewCityOverview };
/** The city-wide styrgrupp's justerade protocols on a lokal styrgrupp's page, and their läst marks. */
export const deliveredProtocolsQueries = {
  deliveredProtocols: deliveredProtocols.deliveredProtocols,
  markDeliveredProtocolRead: deliveredProtocols.markDeliveredProtocolRead,
};
/** The styrgrupp's meetings shared with a beredningsgrupp, on that group's page (sharing itself is the meeting page's, in meetings.server.ts). */
export const meetingSharesQueries = { meetingsSharedWithGroup: meetingShares.meetingsSharedWithGroup };
/** Medborgarlöften: the register (members of the agreement's groups), the styrgrupp's verbs (its ordförande and sekreterare), my activities. */
export const citizenPromisesQueries = {
  getCitizenPromiseRegister: citizenPromises.getCitizenPromiseRegister,
  addPromiseActivity: citizenPromises.addPromiseActivity,
  editPromiseActivity: citizenPromises.editPromiseActivity,
  removePromiseActivity: citizenPromises.removePromiseActivity,
  reportPromiseFollowUp: citizenPromises.reportPromiseFollowUp,
  promiseActivitiesForMeeting: citizenPromises.promiseActivitiesForMeeting,
  myPromiseActivities: citizenPromises.myPromiseActivities,
};
/** The home page's "Det här väntar på dig": the viewer's own work across the chain, each list only what they may open. */
export const waitingQueries = { waitingForMe: waiting.waitingForMe };
