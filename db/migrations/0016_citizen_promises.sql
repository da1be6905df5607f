CREATE TABLE `citizen_promise_activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`decision_id` integer NOT NULL,
	`title` text NOT NULL,
	`responsible_person_id` integer,
	`starts_on` text,
	`ends_on` text,
	`position` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `citizen_promise_activities_decision` ON `citizen_promise_activities` (`decision_id`,`position`);--> statement-breakpoint
CREATE TABLE `citizen_promise_follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`status` text NOT NULL,
	`rag` text,
	`comment` text DEFAULT '' NOT NULL,
	`meeting_id` integer,
	`reported_by` integer NOT NULL,
	`reported_at` text NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `citizen_promise_activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `citizen_promise_follow_ups_activity` ON `citizen_promise_follow_ups` (`activity_id`,`reported_at`);