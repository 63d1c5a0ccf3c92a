-- Runs once, when the MySQL volume is created: one database and user for Recon, two for Temporal.
CREATE DATABASE IF NOT EXISTS recon CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'recon'@'%' IDENTIFIED BY 'recon';
GRANT ALL PRIVILEGES ON recon.* TO 'recon'@'%';
-- (log_bin_trust_function_creators, which the audit log's triggers need under MySQL 8's binary log,
-- is on the server's command line in docker-compose.yml: a SET GLOBAL here would be lost.)
CREATE USER IF NOT EXISTS 'temporal'@'%' IDENTIFIED BY 'temporal';
GRANT ALL PRIVILEGES ON temporal.* TO 'temporal'@'%';
GRANT ALL PRIVILEGES ON temporal_visibility.* TO 'temporal'@'%';
FLUSH PRIVILEGES;
