CREATE TABLE `known_devices` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `known_devices_person` ON `known_devices` (`person_id`);--> statement-breakpoint
CREATE TABLE `document_clients` (
	`document_name` text NOT NULL,
	`client_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`claimed_at` text NOT NULL,
	PRIMARY KEY(`document_name`, `client_id`),
	FOREIGN KEY (`document_name`) REFERENCES `documents`(`name`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `login_failures` ADD `device_hash` text;--> statement-breakpoint
CREATE INDEX `login_failures_device` ON `login_failures` (`device_hash`,`at`);--> statement-breakpoint
ALTER TABLE `minutes_approvers` ADD `approved_content_sha256` text;--> statement-breakpoint
ALTER TABLE `minutes_approvers` ADD `approved_state_vectors` text;