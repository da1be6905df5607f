PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_document_updates` (
	`id` integer PRIMARY KEY NOT NULL,
	`document_name` text NOT NULL,
	`update` blob NOT NULL,
	`person_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`document_name`) REFERENCES `documents`(`name`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_document_updates`("id", "document_name", "update", "person_id", "created_at") SELECT "id", "document_name", "update", "person_id", "created_at" FROM `document_updates`;--> statement-breakpoint
DROP TABLE `document_updates`;--> statement-breakpoint
ALTER TABLE `__new_document_updates` RENAME TO `document_updates`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `document_updates_doc` ON `document_updates` (`document_name`,`id`);