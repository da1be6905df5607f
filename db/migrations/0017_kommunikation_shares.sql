CREATE TABLE `meeting_shares` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`shared_by` integer NOT NULL,
	`shared_at` text NOT NULL,
	`revoked_by` integer,
	`revoked_at` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shared_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_shares_meeting` ON `meeting_shares` (`meeting_id`,`group_id`);--> statement-breakpoint
CREATE INDEX `meeting_shares_group` ON `meeting_shares` (`group_id`);--> statement-breakpoint
CREATE TABLE `communication_activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`position` integer NOT NULL,
	`what` text NOT NULL,
	`audience` text DEFAULT '' NOT NULL,
	`channel` text DEFAULT '' NOT NULL,
	`timing` text DEFAULT '' NOT NULL,
	`planned_on` text,
	`responsible_person_id` integer,
	`responsible_function` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`plan_id`) REFERENCES `communication_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `communication_activities_plan` ON `communication_activities` (`plan_id`,`position`);--> statement-breakpoint
CREATE TABLE `communication_plans` (
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
CREATE UNIQUE INDEX `communication_plans_agreement_id_unique` ON `communication_plans` (`agreement_id`);