ALTER TABLE `people` ADD `calendar_token_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `people_calendar_token_hash_unique` ON `people` (`calendar_token_hash`);