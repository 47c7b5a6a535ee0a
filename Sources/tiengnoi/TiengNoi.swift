import ArgumentParser

@main
struct TiengNoi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiengnoi",
        abstract: "TiengNoi: collects children's voices for the children's forum and pushes summaries upstream.",
        subcommands: [
            ServeCommand.self,
            FormsCommand.self,
            SchoolsCommand.self,
            ImportCommand.self,
            AggregateCommand.self,
            ReportCommand.self,
            EventsCommand.self,
            ReviewCommand.self,
            IssuesCommand.self,
            ClassifyCommand.self,
            PushCommand.self,
            OutboxCommand.self,
            SendersCommand.self,
            UsersCommand.self,
            RetentionCommand.self,
            AnswersCommand.self,
        ]
    )
}
