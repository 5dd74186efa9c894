//! Space weather inputs of NRLMSISE-00 (placeholder until the model lands).
