// AgoraCrypto: see DESIGN in docs/ARCHITECTURE.md
