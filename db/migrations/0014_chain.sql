CREATE TABLE `protocol_reads` (
	`meeting_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`read_at` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `person_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `significant_event_recipients` (
	`event_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`notified_at` text NOT NULL,
	`acknowledged_at` text,
	PRIMARY KEY(`event_id`, `person_id`),
	FOREIGN KEY (`event_id`) REFERENCES `significant_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `significant_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`reported_by` integer NOT NULL,
	`reporting_party_id` integer,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`occurred_at` text NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`confidentiality` text NOT NULL,
	`confidentiality_note` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporting_party_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `significant_events_agreement` ON `significant_events` (`agreement_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `people` ADD `phone` text;