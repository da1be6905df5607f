ALTER TABLE `meetings` ADD `started_at` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `ended_at` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `cancelled_at` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `cancel_reason` text;