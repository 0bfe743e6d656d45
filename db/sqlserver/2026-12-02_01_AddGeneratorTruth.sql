BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202003649_AddGeneratorTruth'
)
BEGIN
    CREATE TABLE [GeneratorTruth] (
        [PatientId] int NOT NULL,
        [DeathHazardPerYear] float NOT NULL,
        [GpAppointmentsPerYear] float NOT NULL,
        [Nhs111CallsPerYear] float NOT NULL,
        [AmbulanceCallsPerYear] float NOT NULL,
        [AeAttendancesPerYear] float NOT NULL,
        [EmergencyAdmissionsPerYear] float NOT NULL,
        [ElectiveAdmissionsPerYear] float NOT NULL,
        [OutpatientAttendancesPerYear] float NOT NULL,
        [CommunityContactsPerYear] float NOT NULL,
        [SocialCareContactsPerYear] float NOT NULL,
        CONSTRAINT [PK_GeneratorTruth] PRIMARY KEY ([PatientId]),
        CONSTRAINT [FK_GeneratorTruth_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202003649_AddGeneratorTruth'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202003649_AddGeneratorTruth', N'10.0.15');
END;

COMMIT;
GO

