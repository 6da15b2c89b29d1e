#pragma once
// The content-signing key of a server: kept in the database (SigningKeyStore), so that every
// server instance on it signs with the one key that the kiosks pin.
#include <string>

#include "server_util.h"
#include "store/signing_key_store.h"

namespace wk::server {

// The key the database keeps; made (and kept, in one transaction) on the first start. A key
// file from before (`key_file`, by default DB.signing-key beside a SQLite database) is imported
// once and may stay: it must then be the same key. Throws with what the operator should do when
// the database recorded a key whose secret half is missing, or the key file is another key.
SigningKey open_content_key(SigningKeyStore& store, const std::string& key_file);

}  // namespace wk::server
