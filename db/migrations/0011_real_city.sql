CREATE TABLE `agreement_amendments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`title` text NOT NULL,
	`dated_on` text NOT NULL,
	`signed_on` text,
	`signed_by` text,
	`agreement_version` integer,
	`created_at` text NOT NULL,
	`created_by` integer NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agreement_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_versions_unique` ON `agreement_versions` (`agreement_id`,`version`);--> statement-breakpoint
CREATE TABLE `stored_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category` text NOT NULL,
	`file_name` text NOT NULL,
	`title` text,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`storage_key` text NOT NULL,
	`agreement_id` integer,
	`attachment_id` integer,
	`amendment_id` integer,
	`agenda_item_id` integer,
	`decision_id` integer,
	`uploaded_by` integer NOT NULL,
	`uploaded_at` text NOT NULL,
	`removed_at` text,
	`removed_by` integer,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attachment_id`) REFERENCES `agreement_attachments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`amendment_id`) REFERENCES `agreement_amendments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`removed_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stored_files_one_owner" CHECK(("stored_files"."agreement_id" IS NOT NULL) + ("stored_files"."amendment_id" IS NOT NULL) + ("stored_files"."agenda_item_id" IS NOT NULL) + ("stored_files"."decision_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stored_files_storage_key_unique` ON `stored_files` (`storage_key`);--> statement-breakpoint
CREATE INDEX `stored_files_agreement` ON `stored_files` (`agreement_id`);--> statement-breakpoint
CREATE INDEX `stored_files_agenda_item` ON `stored_files` (`agenda_item_id`);--> statement-breakpoint
CREATE INDEX `stored_files_decision` ON `stored_files` (`decision_id`);--> statement-breakpoint
ALTER TABLE `agreements` ADD `last_revised_on` text;--> statement-breakpoint
ALTER TABLE `agreements` ADD `version` integer DEFAULT 1 NOT NULL;