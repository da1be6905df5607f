ALTER TABLE `groups` ADD `standard_agenda` text;--> statement-breakpoint
ALTER TABLE `agenda_items` ADD `created_by` integer REFERENCES people(id);