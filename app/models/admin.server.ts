import type { Db } from "../../db/client";
import * as agreementAdmin from "../../db/queries/agreement-admin";
import * as agreements from "../../db/queries/agreements";
import * as audit from "../../db/queries/audit";
import * as contacts from "../../db/queries/contacts";
import * as auditListing from "../../db/queries/audit-listing";
import { assertAdmin } from "../../db/queries/errors";
import * as groups from "../../db/queries/groups";
import * as memberships from "../../db/queries/memberships";
import * as oidcLogins from "../../db/queries/oidc-logins";
import * as organisations from "../../db/queries/organisations";
import * as outbox from "../../db/queries/outbox";
import * as people from "../../db/queries/people";
import * as peopleImport from "../../db/queries/people-import";
import type { Viewer } from "../../db/queries/sessions";
import { oidcProvidersConfigured } from "./oidc.server";

export type { AuditSubject } from "../../db/queries/audit-listing";
export type { ImportRow } from "../../db/queries/people-import";
export { assertImportSize, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "../../db/queries/people-import";

/**
 * The administration pages' verbs. Every one takes the viewer and refuses anyone but an
 * administrator: the queries marked "checks" call assertAdmin themselves; the reads that take no
 * viewer in db/queries (reference lists, the audit chain check) are wrapped here to check it first.
 * The routes call requireAdmin before any of them as well, so a non-admin gets the 403 page.
 */
function asAdmin<A extends unknown[], R>(read: (db: Db, ...args: A) => R) {
  return (db: Db, viewer: Viewer, ...args: A): R => {
    assertAdmin(viewer);
    return read(db, ...args);
  };
}

export const adminQueries = {
  // Checks: these call assertAdmin.
  listPeopleForAdmin: people.listPeopleForAdmin,
  getPersonForAdmin: people.getPersonForAdmin,
  setPersonActive: people.setPersonActive,
  listGroupsForAdmin: groups.listGroupsForAdmin,
  getGroupForAdmin: groups.getGroupForAdmin,
  createGroup: groups.createGroup,
  updateGroup: groups.updateGroup,
  membershipsOfPerson: memberships.membershipsOfPerson,
  addMembership: memberships.addMembership,
  removeMembership: memberships.removeMembership,
  listAuditEntries: auditListing.listAuditEntries,
  listOrganisationsForAdmin: organisations.listOrganisationsForAdmin,
  getOrganisationForAdmin: organisations.getOrganisationForAdmin,
  createOrganisation: organisations.createOrganisation,
  updateOrganisation: organisations.updateOrganisation,
  identitiesOfPerson: oidcLogins.identitiesOfPerson,
  unlinkIdentity: oidcLogins.unlinkIdentity,
  // Off only while an identity provider is configured: nobody may be locked out.
  setPasswordLogin: (db: Db, viewer: Viewer, organisationId: number, enabled: boolean) =>
    organisations.setPasswordLogin(db, viewer, organisationId, enabled, oidcProvidersConfigured()),
  previewPeopleImport: peopleImport.previewPeopleImport,
  importPeople: peopleImport.importPeople,
  listAgreementsForAdmin: agreementAdmin.listAgreementsForAdmin,
  listCityWideAgreements: agreementAdmin.listCityWideAgreements,
  getAgreementForAdmin: agreementAdmin.getAgreementForAdmin,
  createAgreement: agreementAdmin.createAgreement,
  updateAgreement: agreementAdmin.updateAgreement,
  addAgreementRow: agreementAdmin.addAgreementRow,
  updateAgreementRow: agreementAdmin.updateAgreementRow,
  removeAgreementRow: agreementAdmin.removeAgreementRow,
  reviseAgreement: agreementAdmin.reviseAgreement,
  listOutbox: outbox.listOutbox,
  getOutboxMail: outbox.getOutboxMail,
  setPersonPhone: contacts.setPersonPhone,
  // Wrapped: no viewer in db/queries.
  listAgreements: asAdmin(agreements.listAgreements),
  listOrganisations: asAdmin(people.listOrganisations),
  listFunctions: asAdmin(memberships.listFunctions),
  functionIdByName: asAdmin(memberships.functionIdByName),
  verifyAuditChain: asAdmin(audit.verifyAuditChain),
  passwordLoginAllowed: asAdmin(people.passwordLoginAllowed),
};
