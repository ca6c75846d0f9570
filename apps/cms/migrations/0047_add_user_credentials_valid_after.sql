-- Disabling a user ends their credentials for good: sessions and management tokens are revoked, and IdP
-- access tokens (which the CMS cannot revoke) issued before the last disable are refused by their `iat`.
ALTER TABLE users ADD COLUMN credentials_valid_after INTEGER NOT NULL DEFAULT 0;  -- epoch ms of the last disable; 0: never
