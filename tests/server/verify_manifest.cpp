// Test helper: checks an Ed25519 detached signature the way a kiosk will, with libsodium.
//   verify_manifest PUBLIC_KEY_B64 MANIFEST_B64 SIGNATURE_B64   → exit 0 valid, 1 invalid, 2 usage
#include <sodium.h>

#include <cstdio>
#include <string>

static bool decode(const char* b64, std::string& out) {
  std::string s(b64);
  out.assign(s.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), s.data(), s.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return false;
  out.resize(len);
  return true;
}

int main(int argc, char** argv) {
  if (argc != 4 || sodium_init() < 0) return 2;
  std::string pk, manifest, sig;
  if (!decode(argv[1], pk) || !decode(argv[2], manifest) || !decode(argv[3], sig)) {
    std::puts("bad base64");
    return 1;
  }
  if (pk.size() != crypto_sign_PUBLICKEYBYTES || sig.size() != crypto_sign_BYTES) {
    std::puts("bad key or signature length");
    return 1;
  }
  bool ok = crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                        reinterpret_cast<const unsigned char*>(manifest.data()), manifest.size(),
                                        reinterpret_cast<const unsigned char*>(pk.data())) == 0;
  std::puts(ok ? "valid" : "invalid");
  return ok ? 0 : 1;
}
