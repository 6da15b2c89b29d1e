#pragma once
// Volume steps for the operator menu. 0 mutes; 10..100 % spans -27 dB .. 0 dB, so the
// adjustable range exceeds the 18 dB that EN 301 549 8.2.1 asks for.
namespace wk {
float volume_gain(int percent);
float volume_db(int percent);  // 20 log10 of the gain; -inf when muted
}
