-- Runs once, when the MySQL volume is created: one database and user for Recon, two for Temporal.
CREATE DATABASE IF NOT EXISTS recon CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'recon'@'%' IDENTIFIED BY 'recon';
GRANT ALL PRIVILEGES ON recon.* TO 'recon'@'%';
-- The audit log's append-only triggers need this when binary logging is on (MySQL 8's default).
SET GLOBAL log_bin_trust_function_creators = 1;
CREATE USER IF NOT EXISTS 'temporal'@'%' IDENTIFIED BY 'temporal';
GRANT ALL PRIVILEGES ON temporal.* TO 'temporal'@'%';
GRANT ALL PRIVILEGES ON temporal_visibility.* TO 'temporal'@'%';
FLUSH PRIVILEGES;
