// AgoraCLI: see DESIGN in docs/ARCHITECTURE.md
