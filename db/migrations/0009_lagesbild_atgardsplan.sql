CREATE TABLE `document_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_name` text NOT NULL,
	`parent_id` integer,
	`anchor` text,
	`quote` text DEFAULT '' NOT NULL,
	`body` text NOT NULL,
	`author_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` integer,
	FOREIGN KEY (`parent_id`) REFERENCES `document_comments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_comments_document` ON `document_comments` (`document_name`,`id`);--> statement-breakpoint
CREATE TABLE `document_version_parts` (
	`version_id` integer NOT NULL,
	`document_name` text NOT NULL,
	`title` text NOT NULL,
	`position` integer NOT NULL,
	`state` blob NOT NULL,
	`plain_text` text NOT NULL,
	PRIMARY KEY(`version_id`, `document_name`),
	FOREIGN KEY (`version_id`) REFERENCES `document_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `document_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` integer NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`sha256` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`meeting_id` integer,
	`agenda_item_id` integer,
	`decision_id` integer,
	`pdf` blob,
	`pdf_sha256` text,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_versions_subject` ON `document_versions` (`subject_kind`,`subject_id`,`id`);--> statement-breakpoint
CREATE TABLE `place_priority_areas` (
	`place_id` integer NOT NULL,
	`priority_area_id` integer NOT NULL,
	PRIMARY KEY(`place_id`, `priority_area_id`),
	FOREIGN KEY (`place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`priority_area_id`) REFERENCES `priority_areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `places` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`name` text NOT NULL,
	`district` text DEFAULT '' NOT NULL,
	`type` text DEFAULT '' NOT NULL,
	`why` text DEFAULT '' NOT NULL,
	`since` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	`archived_at` text,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `places_agreement` ON `places` (`agreement_id`);--> statement-breakpoint
CREATE TABLE `situation_pictures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`year` integer NOT NULL,
	`status` text DEFAULT 'utkast' NOT NULL,
	`current_version_id` integer,
	`copied_from_version_id` integer,
	`handed_over_at` text,
	`handed_over_by` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`current_version_id`) REFERENCES `document_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`copied_from_version_id`) REFERENCES `document_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handed_over_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `situation_pictures_agreement_year` ON `situation_pictures` (`agreement_id`,`year`);--> statement-breakpoint
CREATE TABLE `situation_sections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`picture_id` integer NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`guidance` text DEFAULT '' NOT NULL,
	`owner` text NOT NULL,
	`status` text DEFAULT 'utkast' NOT NULL,
	`position` integer NOT NULL,
	`priority_area_id` integer,
	`not_applicable_reason` text,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`picture_id`) REFERENCES `situation_pictures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`priority_area_id`) REFERENCES `priority_areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `situation_sections_key` ON `situation_sections` (`picture_id`,`key`);--> statement-breakpoint
CREATE TABLE `situation_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`picture_id` integer NOT NULL,
	`title` text NOT NULL,
	`year` integer,
	`source` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`picture_id`) REFERENCES `situation_pictures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `situation_sources_picture` ON `situation_sources` (`picture_id`,`position`);--> statement-breakpoint
CREATE TABLE `action_plan_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`uid` text NOT NULL,
	`position` integer NOT NULL,
	`problem` text DEFAULT '' NOT NULL,
	`cause` text DEFAULT '' NOT NULL,
	`place_ids` text DEFAULT '[]' NOT NULL,
	`priority_area_ids` text DEFAULT '[]' NOT NULL,
	`measure` text DEFAULT '' NOT NULL,
	`goal` text DEFAULT '' NOT NULL,
	`indicator` text DEFAULT '' NOT NULL,
	`starts_on` text,
	`ends_on` text,
	`responsible_party_id` integer,
	`responsible_function` text DEFAULT '' NOT NULL,
	`responsible_person_id` integer,
	`follow_up` text DEFAULT '' NOT NULL,
	`removed_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `action_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_party_id`) REFERENCES `agreement_parties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `action_plan_rows_uid` ON `action_plan_rows` (`plan_id`,`uid`);--> statement-breakpoint
CREATE INDEX `action_plan_rows_person` ON `action_plan_rows` (`responsible_person_id`);--> statement-breakpoint
CREATE TABLE `action_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`status` text DEFAULT 'utkast' NOT NULL,
	`current_version_id` integer,
	`decided_version_id` integer,
	`handed_over_at` text,
	`handed_over_by` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`current_version_id`) REFERENCES `document_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_version_id`) REFERENCES `document_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handed_over_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `action_plans_agreement_id_unique` ON `action_plans` (`agreement_id`);--> statement-breakpoint
CREATE TABLE `action_row_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`row_id` integer NOT NULL,
	`status` text NOT NULL,
	`rag` text,
	`comment` text DEFAULT '' NOT NULL,
	`reported_by` integer NOT NULL,
	`reported_at` text NOT NULL,
	FOREIGN KEY (`row_id`) REFERENCES `action_plan_rows`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_row_reports_row` ON `action_row_reports` (`row_id`,`id`);--> statement-breakpoint
ALTER TABLE `agenda_items` ADD `version_id` integer REFERENCES document_versions(id);--> statement-breakpoint
ALTER TABLE `action_items` ADD `action_row_id` integer REFERENCES action_plan_rows(id);