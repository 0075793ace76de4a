ALTER TABLE `import_ambiguities` ADD `reason_said` text;--> statement-breakpoint
ALTER TABLE `imports` ADD `message_said` text;