#pragma once
// The server's storage, one interface per concern (each header here), so that each part of
// the server takes only what it uses. ServerStore is all of them, for the program that opens
// the database (open_store.h) and hands the parts out; SqliteServerStore (sqlite_server_store.h)
// is the default, PgServerStore (pg_server_store.h) keeps them in PostgreSQL. Every method is safe to call
// from several HTTP worker threads at once; every multi-row change is one transaction. Nothing
// that server instances must agree on lives in process memory: logins, CSRF tokens, the login
// throttle and the signing key are all here, so several instances on one database are one server.
// A database that cannot be reached makes a method throw StoreUnavailable (store_unavailable.h).
#include "store/coach_account_store.h"
#include "store/health_store.h"
#include "store/kiosk_sync_store.h"
#include "store/login_attempt_store.h"
#include "store/notes_audit_store.h"
#include "store/organisation_store.h"
#include "store/shared_results_store.h"
#include "store/signing_key_store.h"
#include "store/totals_store.h"

namespace wk::server {

class ServerStore : public OrganisationStore,
                    public KioskSyncStore,
                    public CoachAccountStore,
                    public SharedResultsStore,
                    public NotesAuditStore,
                    public TotalsStore,
                    public HealthStore,
                    public LoginAttemptStore,
                    public SigningKeyStore {};

}  // namespace wk::server
