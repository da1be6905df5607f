CREATE TABLE `paragraphs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` integer NOT NULL,
	`year` integer NOT NULL,
	`number` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`agenda_item_id` integer NOT NULL,
	`outcome` text DEFAULT 'behandlat' NOT NULL,
	`chaired_by` integer,
	`dealt_at` text NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chaired_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `paragraphs_group_year_number` ON `paragraphs` (`group_id`,`year`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `paragraphs_agenda_item` ON `paragraphs` (`agenda_item_id`);--> statement-breakpoint
CREATE INDEX `paragraphs_meeting` ON `paragraphs` (`meeting_id`);--> statement-breakpoint
ALTER TABLE `meetings` ADD `chaired_by` integer REFERENCES people(id);--> statement-breakpoint
-- Before this migration only decisions had § numbers: their ärenden become the §§ they were.
INSERT INTO `paragraphs` (`group_id`, `year`, `number`, `meeting_id`, `agenda_item_id`, `outcome`, `dealt_at`)
SELECT `group_id`, `year`, `number`, `meeting_id`, `agenda_item_id`, 'behandlat', `adopted_at` FROM `decisions`
WHERE `agenda_item_id` IS NOT NULL AND `id` IN (SELECT min(`id`) FROM `decisions` WHERE `agenda_item_id` IS NOT NULL GROUP BY `agenda_item_id`);
