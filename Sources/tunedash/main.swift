import TuneDashCommands

await TuneDash.main()
