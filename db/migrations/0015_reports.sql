CREATE TABLE `chain_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`from_group_id` integer NOT NULL,
	`to_group_id` integer NOT NULL,
	`title` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`status` text DEFAULT 'utkast' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`sent_at` text,
	`sent_by` integer,
	`frozen_state` blob,
	`frozen_text` text,
	`pdf` blob,
	`pdf_sha256` text,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `chain_reports_to` ON `chain_reports` (`to_group_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `chain_reports_from` ON `chain_reports` (`from_group_id`);--> statement-breakpoint
ALTER TABLE `agenda_items` ADD `report_id` integer REFERENCES chain_reports(id);--> statement-breakpoint
ALTER TABLE `agenda_items` ADD `prepared_by_group_id` integer REFERENCES groups(id);--> statement-breakpoint
ALTER TABLE `agenda_items` ADD `prepared_from_item_id` integer REFERENCES agenda_items(id);--> statement-breakpoint
ALTER TABLE `action_items` ADD `assignee_group_id` integer REFERENCES groups(id);--> statement-breakpoint
ALTER TABLE `action_items` ADD `owner_outside` integer DEFAULT false NOT NULL;