ALTER TABLE `attendance` ADD `role` text;--> statement-breakpoint
ALTER TABLE `attendance` ADD `function_id` integer REFERENCES functions(id);--> statement-breakpoint
-- Rows recorded before this migration: the capacity is the membership the person still has, if any.
UPDATE `attendance` SET `role` = (
  SELECT m.`role` FROM `memberships` m JOIN `meetings` mt ON mt.`group_id` = m.`group_id`
  WHERE mt.`id` = `attendance`.`meeting_id` AND m.`person_id` = `attendance`.`person_id`
), `function_id` = (
  SELECT m.`function_id` FROM `memberships` m JOIN `meetings` mt ON mt.`group_id` = m.`group_id`
  WHERE mt.`id` = `attendance`.`meeting_id` AND m.`person_id` = `attendance`.`person_id`
) WHERE `person_id` IS NOT NULL;
