// AgoraHTTP: see DESIGN in docs/ARCHITECTURE.md
